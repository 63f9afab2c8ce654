{{/*
Chart name.
*/}}
{{- define "moments.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 45 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the FlinkDeployment's name, which Flink uses as its cluster id (at most 45 characters,
a DNS-1035 label: it prefixes the names of the Services and ConfigMaps that Flink creates).
*/}}
{{- define "moments.fullname" -}}
{{- $name := "" -}}
{{- if .Values.fullnameOverride }}
{{- $name = .Values.fullnameOverride }}
{{- else if contains (default .Chart.Name .Values.nameOverride) .Release.Name }}
{{- $name = .Release.Name }}
{{- else }}
{{- $name = printf "%s-%s" .Release.Name (default .Chart.Name .Values.nameOverride) }}
{{- end }}
{{- $name = $name | trunc 45 | trimSuffix "-" }}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $name) }}
{{- fail (printf "the full name %q is not a valid Flink cluster id: lower-case letters, digits and '-', starting with a letter (set fullnameOverride)" $name) }}
{{- end }}
{{- $name }}
{{- end }}

{{- define "moments.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "moments.labels" -}}
helm.sh/chart: {{ include "moments.chart" . }}
app.kubernetes.io/name: {{ include "moments.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: moments
{{- end }}

{{/*
Labels that Flink's native Kubernetes mode puts on every JobManager and TaskManager pod of this
deployment (app = cluster id). The NetworkPolicy and the PodMonitor select the pods by them.
*/}}
{{- define "moments.flinkPodSelector" -}}
app: {{ include "moments.fullname" . }}
type: flink-native-kubernetes
{{- end }}

{{- define "moments.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "moments.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "moments.image" -}}
{{- printf "%s:%s" (required "image.repository is required" .Values.image.repository) (toString .Values.image.tag) }}
{{- end }}

{{/*
Environment variable through which the job reads a Kafka client property:
MOMENTS_KAFKA_PROP_ + the key upper-cased with dots as underscores (the job maps it back).
*/}}
{{- define "moments.kafkaPropEnv" -}}
{{- printf "MOMENTS_KAFKA_PROP_%s" (. | upper | replace "." "_") }}
{{- end }}

{{- define "moments.kafka.securityProtocol" -}}
{{- $k := .Values.moments.kafka }}
{{- if $k.securityProtocol }}
{{- $k.securityProtocol }}
{{- else if and $k.sasl.enabled $k.tls.enabled }}SASL_SSL
{{- else if $k.sasl.enabled }}SASL_PLAINTEXT
{{- else if $k.tls.enabled }}SSL
{{- else }}PLAINTEXT
{{- end }}
{{- end }}

{{/*
Selector for this deployment's series in PromQL (the PodMonitor copies the pod label app into
flink_deployment and Prometheus adds namespace).
*/}}
{{- define "moments.promSelector" -}}
namespace="{{ .Release.Namespace }}",flink_deployment="{{ include "moments.fullname" . }}"
{{- end }}
