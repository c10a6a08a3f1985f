"""What happens when map gets tuples meant for starmap."""

from multiprocessing import Pool


def power(base, exponent):
    return base**exponent


if __name__ == "__main__":
    arguments = list(zip([0, 1, 2], [2, 2, 2]))
    with Pool(processes=2) as pool:
        print(pool.map(power, arguments))  # power((0, 2)): exponent is missing
