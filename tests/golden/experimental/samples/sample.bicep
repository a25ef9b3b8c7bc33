param location string
output where string = location
