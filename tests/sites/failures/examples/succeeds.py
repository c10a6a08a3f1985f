print("this example was expected to fail, and did not")
