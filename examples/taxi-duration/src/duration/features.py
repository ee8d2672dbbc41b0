"""Feature engineering for NYC green taxi trips."""


def trip_features(ride: dict) -> dict:
    """Pickup-dropoff pair and distance, as the model expects them."""
    return {
        "PU_DO": f"{ride['PULocationID']}_{ride['DOLocationID']}",
        "trip_distance": float(ride["trip_distance"]),
    }
