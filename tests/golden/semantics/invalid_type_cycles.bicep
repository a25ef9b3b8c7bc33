// type declarations that require themselves, directly or through others
type self = self
type selfInUnion = selfInUnion | 'a'
type selfInParens = (selfInParens)
type selfInAccess = selfInAccess.x
type first = second
type second = first
type one = two
type two = three
type three = one

// inside arrays, objects and tuples the type is required unless it is nullable
type required = { child: required }
type requiredArray = requiredArray[]
type requiredTuple = [requiredTuple]
type requiredNested = { a: { b: requiredNested } }
type requiredItems = { children: requiredItems[] }
type objectA = { b: objectB }
type objectB = { a: objectA }
type optional = { child: optional? }
type optionalAlias = { child: maybe }
type maybe = optionalAlias?
type additional = { *: additional }

// a discriminated union requires its members
type kindA = { kind: 'a' }
@discriminator('kind')
type selfUnion = kindA | { kind: 'b', next: selfUnion }

// what uses a cyclic type has no type either
param p required
param q required[]
output o required = p
var v = q
output w array = v
type usesIt = { x: required }
