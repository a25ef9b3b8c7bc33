targetScope = 'subscription'
output where string = 'subscription'
