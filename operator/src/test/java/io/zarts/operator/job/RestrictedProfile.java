package io.zarts.operator.job;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pod Security Standard "restricted" (docs/operator.md §2) plus the project's hardening
 * (read-only root file system, resource limits), checked on a pod spec. Pod Security admission only
 * warns on Job templates, so without this a non-compliant template would fail late, at pod
 * creation.
 */
public final class RestrictedProfile {

  private RestrictedProfile() {}

  public static List<String> violations(PodSpec pod) {
    List<String> out = new ArrayList<>();
    if (Boolean.TRUE.equals(pod.getHostNetwork())
        || Boolean.TRUE.equals(pod.getHostPID())
        || Boolean.TRUE.equals(pod.getHostIPC())) {
      out.add("host namespaces are not allowed");
    }
    for (Volume v : pod.getVolumes()) {
      boolean allowed =
          v.getConfigMap() != null
              || v.getCsi() != null
              || v.getDownwardAPI() != null
              || v.getEmptyDir() != null
              || v.getEphemeral() != null
              || v.getPersistentVolumeClaim() != null
              || v.getProjected() != null
              || v.getSecret() != null;
      if (!allowed) {
        out.add("volume " + v.getName() + " has a type restricted pods may not use");
      }
    }
    PodSecurityContext podSecurity = pod.getSecurityContext();
    boolean podNonRoot = podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot());
    boolean podSeccomp =
        podSecurity != null
            && podSecurity.getSeccompProfile() != null
            && List.of("RuntimeDefault", "Localhost")
                .contains(podSecurity.getSeccompProfile().getType());
    if (podSecurity != null && Long.valueOf(0).equals(podSecurity.getRunAsUser())) {
      out.add("pod runAsUser must not be 0");
    }
    List<Container> containers = new ArrayList<>(pod.getContainers());
    if (pod.getInitContainers() != null) {
      containers.addAll(pod.getInitContainers());
    }
    for (Container c : containers) {
      SecurityContext s = c.getSecurityContext();
      String name = "container " + c.getName();
      if (s == null) {
        out.add(name + " has no securityContext");
        continue;
      }
      if (!Boolean.FALSE.equals(s.getAllowPrivilegeEscalation())) {
        out.add(name + ": allowPrivilegeEscalation must be false");
      }
      if (Boolean.TRUE.equals(s.getPrivileged())) {
        out.add(name + ": privileged");
      }
      if (!podNonRoot && !Boolean.TRUE.equals(s.getRunAsNonRoot())) {
        out.add(name + ": runAsNonRoot must be true");
      }
      if (Long.valueOf(0).equals(s.getRunAsUser())) {
        out.add(name + ": runAsUser must not be 0");
      }
      boolean seccomp =
          s.getSeccompProfile() != null
              && List.of("RuntimeDefault", "Localhost").contains(s.getSeccompProfile().getType());
      if (!podSeccomp && !seccomp) {
        out.add(name + ": seccompProfile must be RuntimeDefault or Localhost");
      }
      Capabilities caps = s.getCapabilities();
      if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
        out.add(name + ": capabilities must drop ALL");
      }
      if (caps != null
          && caps.getAdd() != null
          && caps.getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
        out.add(name + ": only NET_BIND_SERVICE may be added");
      }
      if (!Boolean.TRUE.equals(s.getReadOnlyRootFilesystem())) {
        out.add(name + ": readOnlyRootFilesystem must be true (hardening)");
      }
      if (c.getResources() == null
          || c.getResources().getLimits() == null
          || c.getResources().getLimits().isEmpty()) {
        out.add(name + ": resource limits must be set (hardening)");
      }
    }
    return out;
  }
}
