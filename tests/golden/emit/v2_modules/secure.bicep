@secure()
output connectionString string = 'Server=db;Password=not-a-real-secret'
output host string = 'db'
