if __name__ == "__main__":
    print("get() raised ValueError: the explained one")
