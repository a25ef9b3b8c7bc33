// test declarations name a template and take an object (a missing file is BCP091, whose message holds an
// absolute path: the conformance ratchet on InvalidTestFramework checks it)
test found 'samples/sample.bicep' = {
  params: {
    location: 'westus'
  }
}

test noPath = {
  params: {}
}

test noValue 'samples/sample.bicep' =

test notAnObject 'samples/sample.bicep' = [
]
