from multiprocessing import Pool

if __name__ == "__main__":
    with Pool(processes=2) as pool:
        print(pool.map(abs, [-1, -2, 3]))
