# gitops-runtime chart for runtime codefresh, next to the existing Argo CD.
# Chart: not pinned, the newest gitops-runtime chart is installed; pin one with iscctl update-runtime --runtime codefresh --chart-version X.Y.Z
# Git runtime token: none; the runtime is not fully functional without one: add it with iscctl update-runtime --runtime codefresh --git-runtime-token-secret NAME:KEY (for the scopes it needs see https://codefresh.io/docs/docs/security/git-tokens/)
# set blocks need the hashicorp/helm provider 2.x; 3.x takes set = [...] lists instead.

terraform {
  required_providers {
    helm = {
      source  = "hashicorp/helm"
      version = ">= 2.5.0, < 3.0.0"
    }
  }
}

resource "helm_release" "cf-gitops-runtime" {
  name             = "cf-gitops-runtime"
  repository       = "oci://quay.io/codefresh"
  chart            = "gitops-runtime"
  namespace        = "codefresh"
  create_namespace = true
  wait             = true
  timeout          = 600

  set {
    name  = "argo-cd.enabled"
    value = "false"
  }

  set {
    name  = "global.codefresh.accountId"
    value = "1234567890"
    type  = "string"
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
    value = "codefresh"
  }

  set {
    name  = "global.runtime.ingress.enabled"
    value = "false"
  }

  set {
    name  = "tunnel-client.enabled"
    value = "true"
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
    value = "token"
  }

  set {
    name  = "global.integrations.argo-cd.server.auth.tokenSecretKeyRef.name"
    value = "argocd-token"
  }

  set {
    name  = "global.integrations.argo-cd.server.auth.tokenSecretKeyRef.key"
    value = "token"
  }
}
