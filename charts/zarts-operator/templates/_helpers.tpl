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
# Exactly what the operator uses (LeastPrivilegeIT derives it from the requests it sends). The searches: watched,
# patched to add and remove the operator's finalizer (it decides about the checkpoint claim when a search is
# deleted), and their status patched; finalizers/update because owned objects carry blockOwnerDeletion.
- apiGroups: [zarts.io]
  resources: [architecturesearches]
  verbs: [list, watch, patch]
- apiGroups: [zarts.io]
  resources: [architecturesearches/status]
  verbs: [patch]
- apiGroups: [zarts.io]
  resources: [architecturesearches/finalizers]
  verbs: [update]
# The trainer Jobs: created, deleted (suspend, a refused spec, more epochs, a retry); get after a create conflict.
- apiGroups: [batch]
  resources: [jobs]
  verbs: [get, list, watch, create, delete]
# Trainer pods: watched for exit codes, termination messages and pods still stopping.
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch]
# The objects a search owns (JOSDK managed dependents without server-side apply): watched, created, and updated
# back when they drift; get when a create finds one that lost the label the informers select by. The claim is
# patched instead (annotation, size), since an update of a bound claim's whole spec is refused, and deleted by the
# finalizer when its search is deleted without checkpoint.retainOnDelete (it has no owner reference).
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [get, list, watch, create, update]
- apiGroups: [""]
  resources: [persistentvolumeclaims]
  verbs: [get, list, watch, create, patch, delete]
# ConfigMaps also get and patch: the trainer's Role grants get, update and patch on its progress ConfigMap, and
# Kubernetes lets the operator grant only what it holds itself.
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, create, update, patch]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings]
  verbs: [get, list, watch, create, update]
# Events: create its own, and get and patch one to raise its count when it repeats; list and watch the Job
# controller's FailedCreate events (pods a quota refused) and the volume controller's binding warnings on claims.
- apiGroups: [""]
  resources: [events]
  verbs: [get, list, watch, create, patch]
{{- end -}}
