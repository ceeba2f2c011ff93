print("frugal")
