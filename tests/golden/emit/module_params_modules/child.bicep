param items array
@secure()
param secret string
output count int = length(items)
