output result string = missing
