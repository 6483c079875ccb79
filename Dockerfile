# syntax=docker/dockerfile:1
# DeploySim as a container for batch engines (deploy/): the self-contained single-file executable on the .NET
# runtime-dependencies image, run as the image's non-root user, with the tool as the entrypoint:
#   docker build -t deploysim . && docker run --rm -v "$PWD:/work" -w /work deploysim run scenarios/source-article.yaml
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Simulator/Simulator.csproj Simulator/
RUN dotnet restore Simulator/Simulator.csproj -r linux-x64
COPY Simulator/ Simulator/
COPY scripts/publish-single-file.sh scripts/
RUN scripts/publish-single-file.sh /out

# Self-contained: the runtime travels in the executable, so the runtime-deps flavour of the .NET runtime image is enough.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
# Native libraries (Skia for the plots) are extracted here on first start: a place the non-root user can write.
ENV DOTNET_BUNDLE_EXTRACT_BASE_DIR=/tmp/.net
COPY --from=build /out/deploysim /usr/local/bin/deploysim
COPY scenarios/ /scenarios/
USER $APP_UID
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/deploysim"]
CMD ["--help"]
