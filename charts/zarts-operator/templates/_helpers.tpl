{{/* The release's full name, at most 63 characters. */}}
{{- define "zarts.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "zarts.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "zarts.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "zarts.serviceAccountName" -}}
{{- default (include "zarts.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "zarts.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "zarts.trainerImage" -}}
{{- $flavor := .Values.trainer.image.flavor -}}
{{- if not (has $flavor (list "cpu" "cuda")) -}}
{{- fail (printf "trainer.image.flavor must be cpu or cuda, got %q" $flavor) -}}
{{- end -}}
{{- printf "%s:%s" .Values.trainer.image.repository (default (printf "%s-%s" .Chart.AppVersion $flavor) .Values.trainer.image.tag) -}}
{{- end -}}

{{/* The operator's watched namespaces as QOSDK reads them. */}}
{{- define "zarts.watchNamespaces" -}}
{{- if .Values.rbac.watchNamespaces -}}
{{- join "," .Values.rbac.watchNamespaces -}}
{{- else -}}
JOSDK_ALL_NAMESPACES
{{- end -}}
{{- end -}}

{{/* Labels the operator puts on every trainer pod (TrainerJobFactory); the PodMonitor selects on them. */}}
{{- define "zarts.trainerPodLabels" -}}
app.kubernetes.io/name: zarts-trainer
app.kubernetes.io/managed-by: zarts-operator
{{- end -}}

{{/* What the reconciler reads and writes in a watched namespace; each rule says why. */}}
{{- define "zarts.searchRules" -}}
# The searches: read, status writes, and finalizers/update, which blockOwnerDeletion on owned objects requires.
- apiGroups: [zarts.io]
  resources: [architecturesearches]
  verbs: [get, list, watch, update, patch]
- apiGroups: [zarts.io]
  resources: [architecturesearches/status]
  verbs: [get, update, patch]
- apiGroups: [zarts.io]
  resources: [architecturesearches/finalizers]
  verbs: [update]
# The trainer Job: created, replaced when epochs rise, deleted on suspend.
- apiGroups: [batch]
  resources: [jobs]
  verbs: [get, list, watch, create, update, patch, delete]
# Trainer pods: read only, for exit codes and termination messages.
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch]
# The spec and progress ConfigMaps, the trainer's ServiceAccount and checkpoint claim.
- apiGroups: [""]
  resources: [configmaps, serviceaccounts, persistentvolumeclaims]
  verbs: [get, list, watch, create, update, patch, delete]
# The trainer's Role, which only grants what the operator itself holds on its progress ConfigMap.
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: ["", events.k8s.io]
  resources: [events]
  verbs: [create, patch]
{{- end -}}
