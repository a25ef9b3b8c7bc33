// Names in declared types must name types.
type pair = {
  first: strin
  second: pair?
}
param p1 str
param p2 object
param p3 p2
var v1 = 'x'
output o1 v1 = 'x'
output o2 fluffy[] = []
type t1 = sys.string
type t2 = unknownType | 'a'
type t3 = 'a' | 1
type t4 = bool | true
type t5 = t2 | 'b'
type t6 = null | null
type t7 = ('a' | 1)[]
type t8 = { a: 'x' } | { a: 'y' }
type t9 = { a: 'x', b: string } | { a: 'y' }
@discriminator('kind')
type t10 = { kind: 'a' } | { kind: 'b' }
param p4 'x' | 'y' | p1
