// one targetScope per file, with one of the four scope names
targetScope = 'subscription'

targetScope = true

targetScope = {}

targetScope = 3
