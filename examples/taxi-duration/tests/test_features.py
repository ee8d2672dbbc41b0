from duration.features import trip_features


def test_pickup_dropoff_pair():
    ride = {"PULocationID": 43, "DOLocationID": 151, "trip_distance": 1.8}
    assert trip_features(ride) == {"PU_DO": "43_151", "trip_distance": 1.8}
