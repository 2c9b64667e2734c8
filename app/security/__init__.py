"""Cross-cutting protections: headers, body limits, client keys, rate limits, proof of work."""
