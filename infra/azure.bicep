// Azure resources for the ICT policy helper: an App Service on Linux (Node 20) running the
// bot, the Azure Bot that connects it to Teams, a Key Vault holding its secrets, and, when
// `usePostgres` is true, Azure Database for PostgreSQL Flexible Server with STORE=postgres.
// App settings are named as src/config reads them; secrets are Key Vault references.

@maxLength(20)
@minLength(4)
@description('Prefix for every resource name; letters and digits.')
param resourceBaseName string

@description('The bot\'s Entra app (client) id: BOT_ID.')
param botAadAppClientId string

@secure()
@description('The bot\'s Entra app client secret: BOT_PASSWORD (kept in Key Vault).')
param botAadAppClientSecret string

@description('The Entra tenant the bot serves: BOT_TENANT_ID.')
param botTenantId string = tenant().tenantId

@description('Name shown for the bot in Azure.')
param botDisplayName string = 'ICT policy helper'

@description('App Service plan SKU; B1 or above (Always On needs Basic).')
param webAppSku string = 'B1'

@description('Keep the data in Azure Database for PostgreSQL (several instances) instead of files on the App Service (one instance).')
param usePostgres bool = false

@secure()
@description('PostgreSQL administrator password, with usePostgres.')
param postgresAdminPassword string = ''

@description('PostgreSQL administrator login, with usePostgres.')
param postgresAdminLogin string = 'ictbotadmin'

@description('Where staff read the full policy (POLICY_URL).')
param policyUrl string = ''

@description('How staff reach ICT (ICT_CONTACT).')
param ictContact string = ''

@description('Entra object ids of admins, comma-separated (ADMIN_IDS).')
param adminIds string = ''

@description('Entra object ids of FOI officers, comma-separated (FOI_OFFICER_IDS).')
param foiOfficerIds string = ''

@description('Create Application Insights and send the bot\'s traces and metrics to it.')
param useApplicationInsights bool = true

param location string = resourceGroup().location

var serverfarmsName = resourceBaseName
var webAppName = resourceBaseName
var keyVaultName = '${take(resourceBaseName, 15)}-kv'
var postgresName = '${resourceBaseName}-pg'
var databaseName = 'ictbot'
// Key Vault Secrets User: the web app reads the secrets it is given references to, nothing more.
var secretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: serverfarmsName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = if (useApplicationInsights) {
  name: '${resourceBaseName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = if (usePostgres) {
  name: postgresName
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = if (usePostgres) {
  parent: postgres
  name: databaseName
}

// Lets the App Service reach the server; TLS is required on every connection (sslmode=require).
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = if (usePostgres) {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (usePostgres) {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: usePostgres ? 'postgres://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require' : ''
  }
}

resource insightsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useApplicationInsights) {
  parent: keyVault
  name: 'applicationinsights-connection-string'
  properties: {
    value: useApplicationInsights ? insights.properties.ConnectionString : ''
  }
}

// An app setting the App Service fills from the vault with its own identity.
func keyVaultReference(vault string, secret string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})'

var storeSettings = usePostgres
  ? [
      { name: 'STORE', value: 'postgres' }
      { name: 'DATABASE_URL', value: keyVaultReference(keyVaultName, 'database-url') }
    ]
  : [
      { name: 'STORE', value: 'lowdb' }
      // /home is the App Service's persistent storage; the rest of the file system is not kept.
      { name: 'DATA_DIR', value: '/home/data' }
    ]
var telemetrySettings = useApplicationInsights ? [{ name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: keyVaultReference(keyVaultName, 'applicationinsights-connection-string') }] : []
var optionalSettings = filter(
  [
    { name: 'POLICY_URL', value: policyUrl }
    { name: 'ICT_CONTACT', value: ictContact }
    { name: 'ADMIN_IDS', value: adminIds }
    { name: 'FOI_OFFICER_IDS', value: foiOfficerIds }
  ],
  setting => !empty(setting.value)
)

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // The built bot, production dependencies only: nothing is compiled at start.
      appCommandLine: 'npm run start:prod'
      // Taken out of rotation while the store is unreachable or it drains on a restart.
      healthCheckPath: '/readyz'
      appSettings: concat(
        [
          { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
          { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
          { name: 'WEBSITES_PORT', value: '3978' }
          { name: 'PORT', value: '3978' }
          { name: 'BOT_ID', value: botAadAppClientId }
          { name: 'BOT_PASSWORD', value: keyVaultReference(keyVaultName, 'bot-password') }
          { name: 'BOT_TENANT_ID', value: botTenantId }
          { name: 'BOT_TYPE', value: 'SingleTenant' }
        ],
        storeSettings,
        telemetrySettings,
        optionalSettings
      )
    }
  }
}

resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, secretsUserRole)
  scope: keyVault
  properties: {
    roleDefinitionId: secretsUserRole
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppTenantId: botTenantId
    msaAppType: 'SingleTenant'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
