output s string = "bad string"
