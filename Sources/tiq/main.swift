print("tiq")
