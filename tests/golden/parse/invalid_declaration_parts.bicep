// Each part of a declaration recovers on its own, as the official parser does.
var
var 2
var noValue
var badEquals 2
var badEquals2 3 true
var wrongValue = &
var badType & = 1
param
param p1
param p2 string x
param p3 string = 
output
output o1 string
output o2 = 1
resource
resource r1
resource r2 'Microsoft.Storage/storageAccounts@2023-01-01'
resource r3 'Microsoft.Storage/storageAccounts@2023-01-01' = 5
type
type t1
type t2 = &
metadata
metadata md1
metadata md2 = 
targetScope 'x'
var obj = {
  2: true
  +
  a b
  c :
  d: 1 e: 2
  f: %
}
var args = concat('a', , 'b')
var items = [
  1
  *
  2
]
var trailing = 1 true
var loop1 = [for x]
var loop2 = [for x b]
var loop3 = [for x in]
var loop4 = [for x in loop1]
var loop5 = [for (x) in loop1: x]
resource r4 'Microsoft.Storage/storageAccounts@2023-01-01' = [for x in range(0, 2):]
resource r5 'Microsoft.Storage/storageAccounts@2023-01-01' = if true {
}
resource r6 'Microsoft.Storage/storageAccounts@2023-01-01' = if (true) 
resource r7 'Microsoft.Storage/storageAccounts@2023-01-01' = [for]
resource r8 'Microsoft.Storage/storageAccounts@2023-01-01' = [for x in range(0, 1): x]
var args2 = concat(, 'b')
var args3 = concat('a', )
var args4 = concat('a' 'b')
