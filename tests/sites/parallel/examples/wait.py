# An ordinary example: it mostly waits, as pool start-up and sleeps do.
import sys
import time

time.sleep(0.6)
print("waited", sys.argv[1:])
