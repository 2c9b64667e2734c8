"""Vertrouwenspunt: the web service (API, pages later) around the encrypted inbox."""
