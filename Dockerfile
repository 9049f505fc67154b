# The Mercociudades API: `docker build -t mercociudades .`
# Settings come from MC_* environment variables (see README.md); PostgreSQL with DATABASE_URL,
# otherwise SQLite in the data volume.

FROM rust:1.95-bookworm AS builder
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p mercociudades-api

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 mercociudades \
    && useradd --system --uid 10001 --gid mercociudades --home-dir /var/lib/mercociudades \
        --no-create-home --shell /usr/sbin/nologin mercociudades \
    && install -d -o mercociudades -g mercociudades -m 0750 /var/lib/mercociudades
COPY --from=builder /src/target/release/mercociudades /usr/local/bin/mercociudades
ENV MC_LISTEN=0.0.0.0:8080 \
    MC_DATA_DIR=/var/lib/mercociudades \
    MC_STATIC_DIR=/usr/share/mercociudades/spa
USER mercociudades
WORKDIR /var/lib/mercociudades
VOLUME ["/var/lib/mercociudades"]
EXPOSE 8080
ENTRYPOINT ["mercociudades"]
CMD ["serve"]
