// every member of a discriminated union has the discriminator as a required string literal
type kindA = {
  kind: 'a'
  value: string
}
type kindB = {
  kind: 'b'
  value: int
}
type numberKind = {
  kind: 0
}
type optionalKind = {
  kind: 'o'?
}

@discriminator('kind')
type fine = kindA | kindB

@discriminator('missing')
type missingOnAll = kindA | kindB

@discriminator('kind')
type missingOnOne = kindA | { value: bool }

@discriminator('kind')
type notAString = kindA | numberKind

@discriminator('kind')
type notRequired = kindA | optionalKind

@discriminator('KIND')
type caseSensitive = { kind: 'a' } | { kind: 'b' }


param p1 fine
output o object = p1
