# An example whose output depends on timing: it must have the machine to itself.
import time

time.sleep(0.4)
print("alone")
