#!/bin/sh
# The Kubernetes secrets the gitops-runtime install of runtime prod1 refers to,
# created in its namespace argocd. Every value comes from an environment variable:
# export them first (for example from your secret store); never write a value into a file.
#
# Argo CD account prerequisites (password auth, account admin):
#   1. The account needs the login capability (and apiKey for tokens): in the argocd-cm ConfigMap
#      (namespace argocd), data accounts.admin: apiKey, login
#      (the built-in admin account has both).
#   2. Export its password: export ARGOCD_PASSWORD='...'
#
# Git runtime token: none; the runtime is not fully functional without one: add it with iscctl update-runtime --runtime prod1 --git-runtime-token-secret NAME:KEY (for the scopes it needs see https://codefresh.io/docs/docs/security/git-tokens/).
# The platform API key is not a secret of this install: pass it as $CF_API_KEY to the helm command.

set -eu

: "${ARGOCD_PASSWORD:?set ARGOCD_PASSWORD first (see the comments above)}"

kubectl create secret generic argocd-initial-admin-secret --namespace argocd \
  --from-literal=password="$ARGOCD_PASSWORD" \
  --dry-run=client -o yaml | kubectl apply -f -
