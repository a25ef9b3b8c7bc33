// A property declared twice in one object (BCP025 on each key).
var settings = {
  tier: 'Basic'
  tier: 'Premium'
}
