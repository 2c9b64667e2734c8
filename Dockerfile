# A small, non-root image running the same service as `python3 dev.py serve`.
# Build: docker build -t vertrouwenspunt .   Run: see docs/deployment.md.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY crypto ./crypto
COPY client ./client
COPY migrations ./migrations
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VP_ENVIRONMENT=production \
    VP_HOST=0.0.0.0 \
    VP_PORT=8000
RUN useradd --system --uid 10001 --home-dir /srv/vertrouwenspunt --create-home vertrouwenspunt
COPY --from=build /install /usr/local
WORKDIR /srv/vertrouwenspunt
USER vertrouwenspunt
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["python", "-m", "app.server"]
