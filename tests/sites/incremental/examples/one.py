print("one says hello")
