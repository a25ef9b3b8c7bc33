// The template the parameters files in this folder use.
@allowed([
  'dev'
  'staging'
  'production'
])
param environment string

@minLength(3)
@maxLength(10)
param prefix string

@minValue(1)
@maxValue(10)
param replicas int = 2

@secure()
param databasePassword string

param tags object = {}

param enableHttpsOnly bool = true
