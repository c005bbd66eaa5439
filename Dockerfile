# Multi-stage build of the SociaalDomein web app. The database is a separate PostgreSQL (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props SociaalDomein.sln ./
COPY src/Domain/SociaalDomein.Domain.csproj src/Domain/
COPY src/Infrastructure/SociaalDomein.Infrastructure.csproj src/Infrastructure/
COPY src/Web/SociaalDomein.Web.csproj src/Web/
RUN dotnet restore src/Web/SociaalDomein.Web.csproj
COPY src/ src/
RUN dotnet publish src/Web/SociaalDomein.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER app
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["dotnet", "SociaalDomein.Web.dll"]
