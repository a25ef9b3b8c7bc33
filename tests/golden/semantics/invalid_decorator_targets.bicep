// Decorators attached to targets of the wrong type.
@secure()
@minLength(3)
@maxLength(5)
param p1 int
@minValue(1)
@maxValue(2)
param p2 string
@sealed()
type t1 = string
type t2 = {
  @secure()
  a: bool
  @minLength(1)
  b: array
}
@secure()
output o1 int = 1
@discriminator('kind')
param p3 string
type typeA = { type: 'a', value: string }
type typeB = { type: 'b', value: int }
@discriminator('type')
type u1 = typeA
@discriminator('type')
type u2 = typeA | null
@discriminator('type')
type u3 = [typeA, typeB]
@discriminator('type')
param p4 'a' | 'b'
@discriminator('type')
type u4 = typeA | typeB
@discriminator('type')
type u5 = (typeA | typeB)?
