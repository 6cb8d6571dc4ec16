using 'main.bicep'

// Secrets are never written here: they come from the environment of whoever deploys (or a pipeline's secret store).
param namePrefix = 'connector'
param workerImage = readEnvironmentVariable('CONNECTOR_IMAGE', 'myregistry.azurecr.io/connector-worker:latest')
param acsName = readEnvironmentVariable('CONNECTOR_ACS_NAME', 'connector-acs')
param minReplicas = 2
param maxReplicas = 6
param postgresAdminPassword = readEnvironmentVariable('CONNECTOR_POSTGRES_PASSWORD', '')
param webhookKey = readEnvironmentVariable('CONNECTOR_WEBHOOK_KEY', '')
param adminKey = readEnvironmentVariable('CONNECTOR_ADMIN_KEY', '')
param acsConnectionString = readEnvironmentVariable('CONNECTOR_ACS_CONNECTION_STRING', '')
