"""Python clients of the Vertrouwenspunt API.

They need only ``crypto/`` and ``httpx``, not the server's dependencies, so chain partners and
operators can use them from their own systems; the test suite uses them to play each role.
"""

from client.reporter import ReporterClient, SubmittedReport
from client.staff import StaffClient

__all__ = ["ReporterClient", "StaffClient", "SubmittedReport"]
