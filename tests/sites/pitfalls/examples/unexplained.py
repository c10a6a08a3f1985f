if __name__ == "__main__":
    print("KeyError: 'nobody explains me'")
    print("/tmp/somewhere/app.py:3: DeprecationWarning: pid=4242 says hello at 0x7f00ab")
