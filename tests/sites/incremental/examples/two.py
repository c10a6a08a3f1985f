print("two says hello")
