// The connector on Azure: the Worker on Container Apps (at least two replicas behind its ingress), PostgreSQL Flexible
// Server as the shared store, Azure Cache for Redis as the SignalR backplane, Key Vault holding every secret, and Event Grid
// delivering the ACS events the connector consumes to the Worker's webhook.
// Deploy:  az deployment group create -g RG -f infra/main.bicep -p infra/main.bicepparam
targetScope = 'resourceGroup'

@description('Prefix of every resource name (letters and digits, 3-12).')
@minLength(3)
@maxLength(12)
param namePrefix string

param location string = resourceGroup().location

@description('The Worker image, e.g. myregistry.azurecr.io/connector-worker:1.0.0 (dotnet publish -t:PublishContainer).')
param workerImage string

@description('The existing Azure Communication Services resource (same resource group) whose events the connector consumes.')
param acsName string

@description('How many Worker replicas run at least: two, so one can restart while the other serves.')
@minValue(2)
param minReplicas int = 2

@minValue(2)
param maxReplicas int = 6

param postgresAdminLogin string = 'connector'

@secure()
param postgresAdminPassword string

@description('The ?key= Event Grid presents to /webhooks/acs/events (Acs:WebhookKey).')
@secure()
param webhookKey string

@description('The bootstrap admin API key (Api:AdminKey).')
@secure()
param adminKey string

@description('The ACS connection string (endpoint=https://…;accesskey=…).')
@secure()
param acsConnectionString string

@description('Object ids (users or groups) allowed to manage the Key Vault secrets.')
param secretOfficerPrincipalIds array = []

var suffix = uniqueString(resourceGroup().id, namePrefix)
var databaseName = 'connector'

// Every ACS event type the Worker acts on (Connector.Worker/Webhooks/AcsEventMapper.cs, Voice/VoiceEventReceiver.cs).
// Call Automation's mid-call events come on the call's own callback URL, not through Event Grid.
var acsEventTypes = [
  'Microsoft.Communication.ChatMessageReceivedInThread'
  'Microsoft.Communication.ChatMessageReceived'
  'Microsoft.Communication.AdvancedMessageReceived'
  'Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated'
  'Microsoft.Communication.EmailDeliveryReportReceived'
  'Microsoft.Communication.IncomingCall'
  'Microsoft.Communication.RecordingFileStatusUpdated'
]

// Built-in role: Key Vault Secrets User (read secret values), for the Worker's identity.
var keyVaultSecretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
// Built-in role: Key Vault Secrets Officer, for the people who rotate secrets.
var keyVaultSecretsOfficerRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')

resource acs 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: acsName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-worker-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: {
    name: 'Standard_D2ds_v5'
    tier: 'GeneralPurpose'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 64 }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Azure services (the Container Apps environment) may reach the server; nothing else from outside.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: '${namePrefix}-redis-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: '${namePrefix}kv${suffix}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

// Key Vault secret names use dashes; the app maps each to the Worker's configuration key (secretEnv below).
var secretNames = [
  'connection-string'
  'redis'
  'webhook-key'
  'admin-key'
  'acs-connection-string'
]

var secretValues = {
  'connection-string': 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
  redis: '${redis.properties.hostName}:6380,password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  'webhook-key': webhookKey
  'admin-key': adminKey
  'acs-connection-string': acsConnectionString
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for name in secretNames: {
    parent: vault
    name: name
    properties: {
      value: secretValues[name]
    }
  }
]

resource workerReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource officers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in secretOfficerPrincipalIds: {
    scope: vault
    name: guid(vault.id, principalId, keyVaultSecretsOfficerRole)
    properties: {
      roleDefinitionId: keyVaultSecretsOfficerRole
      principalId: principalId
    }
  }
]

// The Workers' data directory (media, recordings, mail, transcripts): fetched by a job on one replica, served by any, so
// one Azure Files share for all of them.
resource files 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: take('${namePrefix}files${suffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2025-01-01' = {
  parent: files
  name: 'default'
}

resource dataShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2025-01-01' = {
  parent: fileService
  name: 'worker-data'
  properties: {
    shareQuota: 100
  }
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource environmentData 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: environment
  name: 'worker-data'
  properties: {
    azureFile: {
      accountName: files.name
      accountKey: files.listKeys().keys[0].value
      shareName: dataShare.name
      accessMode: 'ReadWrite'
    }
  }
}

resource worker 'Microsoft.App/containerApps@2025-07-01' = {
  name: '${namePrefix}-worker'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [workerReadsSecrets, secrets]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
        // SignalR's negotiate and its WebSocket must reach the same replica; the Redis backplane carries pushes between them.
        stickySessions: {
          affinity: 'sticky'
        }
      }
      secrets: [
        for name in secretNames: {
          name: name
          keyVaultUrl: '${vault.properties.vaultUri}secrets/${name}'
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: workerImage
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: [
            { name: 'ASPNETCORE_HTTP_PORTS', value: '8080' }
            { name: 'Urls', value: 'http://+:8080' }
            { name: 'ConnectionStrings__Connector', secretRef: 'connection-string' }
            { name: 'SignalR__Redis', secretRef: 'redis' }
            { name: 'Acs__WebhookKey', secretRef: 'webhook-key' }
            { name: 'Api__AdminKey', secretRef: 'admin-key' }
            { name: 'Acs__ConnectionString', secretRef: 'acs-connection-string' }
            // Call Automation calls back here; an app's FQDN is its name under the environment's domain.
            { name: 'Acs__CallbackBaseUrl', value: 'https://${namePrefix}-worker.${environment.properties.defaultDomain}' }
          ]
          volumeMounts: [
            {
              volumeName: 'worker-data'
              mountPath: '/home/app/data'
            }
          ]
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/health'
                port: 8080
              }
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: 8080
              }
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'worker-data'
          storageType: 'AzureFile'
          storageName: environmentData.name
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

resource acsEvents 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${namePrefix}-acs-events'
  location: 'global'
  properties: {
    source: acs.id
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

// One subscription for every type: Event Grid validates the endpoint with the handshake the Worker answers.
resource toWorker 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: acsEvents
  name: 'connector-worker'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${worker.properties.configuration.ingress.fqdn}/webhooks/acs/events?key=${webhookKey}'
        maxEventsPerBatch: 1
      }
    }
    filter: {
      includedEventTypes: acsEventTypes
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output workerUrl string = 'https://${worker.properties.configuration.ingress.fqdn}'
output keyVaultName string = vault.name
output postgresServer string = postgres.properties.fullyQualifiedDomainName
