<#
.SYNOPSIS
  Installe Vigie sur un poste Windows : politiques Chrome/Edge (HKLM) qui forcent
  l'extension, démarrage automatique de la garde, politique administrateur.
.DESCRIPTION
  Généré par `vigie install --os windows`. À lancer en administrateur (GPO de démarrage,
  Intune « script PowerShell », ou à la main). Idempotent : relancer met à jour.
  -Uninstall retire tout ce que le script a posé.
#>
[CmdletBinding()]
param(
    [string]$UpdateUrl = "{{UPDATE_URL}}",
    [string]$ExtensionId = "{{EXTENSION_ID}}",
    [int]$Port = {{PORT}},
    [ValidateSet("block", "warn")][string]$Unreachable = "{{UNREACHABLE}}",
    [string]$VigieExe = "{{WINDOWS_EXE}}",
    [string]$PolicyFile = "",
    [switch]$PerUser,
    [switch]$Uninstall
)
$ErrorActionPreference = "Stop"

$Browsers = @(
    "HKLM:\SOFTWARE\Policies\Google\Chrome",
    "HKLM:\SOFTWARE\Policies\Microsoft\Edge"
)
$RunKey = if ($PerUser) { "HKCU:\Software\Microsoft\Windows\CurrentVersion\Run" } else { "HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Run" }
$DataDir = Join-Path $env:ProgramData "Vigie"
$Entry = "$ExtensionId;$UpdateUrl"

function Set-Forcelist([string]$Base) {
    $key = Join-Path $Base "ExtensionInstallForcelist"
    New-Item -Path $key -Force | Out-Null
    # Garder les autres extensions forcées : réutiliser notre index ou prendre le premier libre.
    $props = (Get-ItemProperty -Path $key).PSObject.Properties | Where-Object { $_.Name -match '^\d+$' }
    $mine = $props | Where-Object { $_.Value -like "$ExtensionId;*" } | Select-Object -First 1
    if ($mine) { $name = $mine.Name } else {
        $used = @($props | ForEach-Object { [int]$_.Name })
        $n = 1; while ($used -contains $n) { $n++ }; $name = "$n"
    }
    New-ItemProperty -Path $key -Name $name -Value $Entry -PropertyType String -Force | Out-Null
    $ext = Join-Path $Base "3rdparty\extensions\$ExtensionId\policy"
    New-Item -Path $ext -Force | Out-Null
    New-ItemProperty -Path $ext -Name "port" -Value $Port -PropertyType DWord -Force | Out-Null
    New-ItemProperty -Path $ext -Name "unreachable" -Value $Unreachable -PropertyType String -Force | Out-Null
}

function Remove-Forcelist([string]$Base) {
    $key = Join-Path $Base "ExtensionInstallForcelist"
    if (Test-Path $key) {
        (Get-ItemProperty -Path $key).PSObject.Properties |
            Where-Object { $_.Name -match '^\d+$' -and $_.Value -like "$ExtensionId;*" } |
            ForEach-Object { Remove-ItemProperty -Path $key -Name $_.Name }
    }
    $ext = Join-Path $Base "3rdparty\extensions\$ExtensionId"
    if (Test-Path $ext) { Remove-Item -Path $ext -Recurse -Force }
}

if ($Uninstall) {
    foreach ($b in $Browsers) { Remove-Forcelist $b }
    Remove-ItemProperty -Path $RunKey -Name "Vigie" -ErrorAction SilentlyContinue
    Write-Output "Vigie : politiques et démarrage automatique retirés."
    exit 0
}

foreach ($b in $Browsers) { Set-Forcelist $b }
New-Item -Path $RunKey -Force | Out-Null
New-ItemProperty -Path $RunKey -Name "Vigie" -Value "`"$VigieExe`" run" -PropertyType String -Force | Out-Null
if ($PolicyFile) {
    New-Item -ItemType Directory -Path $DataDir -Force | Out-Null
    Copy-Item -Path $PolicyFile -Destination (Join-Path $DataDir "policy.json") -Force
}
Write-Output "Vigie : extension forcée dans Chrome et Edge ($Entry), démarrage automatique posé."
