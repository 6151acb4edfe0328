# gitops-runtime chart for runtime prod1, next to the existing Argo CD.
# Chart: not pinned, the newest gitops-runtime chart is installed; pin one with iscctl update-runtime --runtime prod1 --chart-version X.Y.Z
# Git runtime token: none; the runtime is not fully functional without one: add it with iscctl update-runtime --runtime prod1 --git-runtime-token-secret NAME:KEY (for the scopes it needs see https://codefresh.io/docs/docs/security/git-tokens/)
# set blocks need the hashicorp/helm provider 2.x; 3.x takes set = [...] lists instead.

terraform {
  required_providers {
    helm = {
      source  = "hashicorp/helm"
      version = ">= 2.5.0, < 3.0.0"
    }
  }
}

resource "helm_release" "prod1-runtime" {
  name             = "prod1-runtime"
  repository       = "oci://quay.io/codefresh"
  chart            = "gitops-runtime"
  namespace        = "argocd"
  create_namespace = true
  wait             = true
  timeout          = 600

  set {
    name  = "argo-cd.enabled"
    value = "false"
  }

  set {
    name  = "global.codefresh.userToken.secretKeyRef.name"
    value = "codefresh-user-token"
  }

  set {
    name  = "global.codefresh.userToken.secretKeyRef.key"
    value = "token"
  }

  set {
    name  = "global.runtime.name"
    value = "prod1"
  }

  set {
    name  = "global.runtime.ingress.enabled"
    value = "true"
  }

  set {
    name  = "global.runtime.ingress.className"
    value = "nginx-public"
  }

  set {
    name  = "global.runtime.ingress.hosts[0]"
    value = "runtime.example.com"
  }

  set {
    name  = "global.integrations.argo-cd.server.svc"
    value = "argocd-server"
  }

  set {
    name  = "global.integrations.argo-cd.server.port"
    value = "80"
  }

  set {
    name  = "global.integrations.argo-cd.repoServer.svc"
    value = "argocd-repo-server"
  }

  set {
    name  = "global.integrations.argo-cd.repoServer.port"
    value = "8081"
  }

  set {
    name  = "global.integrations.argo-cd.server.auth.type"
    value = "password"
  }

  set {
    name  = "global.integrations.argo-cd.server.auth.username"
    value = "admin"
  }

  set {
    name  = "global.integrations.argo-cd.server.auth.passwordSecretKeyRef.name"
    value = "argocd-initial-admin-secret"
  }

  set {
    name  = "global.integrations.argo-cd.server.auth.passwordSecretKeyRef.key"
    value = "password"
  }
}
