helm upgrade --install cf-gitops-runtime --create-namespace --namespace codefresh \
  --set argo-cd.enabled=false \
  --set-string global.codefresh.accountId=1234567890 \
  --set global.codefresh.userToken.secretKeyRef.name=codefresh-user-token \
  --set global.codefresh.userToken.secretKeyRef.key=token \
  --set global.runtime.name=codefresh \
  --set global.runtime.isConfigurationRuntime=true \
  --set global.runtime.gitCredentials.username=runtime-bot \
  --set global.runtime.gitCredentials.password.secretKeyRef.name=git-runtime \
  --set global.runtime.gitCredentials.password.secretKeyRef.key=token \
  --set global.runtime.ingress.enabled=false \
  --set tunnel-client.enabled=true \
  --set global.integrations.argo-cd.server.svc=argocd-server \
  --set global.integrations.argo-cd.server.port=80 \
  --set global.integrations.argo-cd.repoServer.svc=argocd-repo-server \
  --set global.integrations.argo-cd.repoServer.port=8081 \
  --set global.integrations.argo-cd.server.auth.type=token \
  --set global.integrations.argo-cd.server.auth.tokenSecretKeyRef.name=argocd-token \
  --set global.integrations.argo-cd.server.auth.tokenSecretKeyRef.key=token \
  oci://quay.io/codefresh/gitops-runtime --version 0.26.3 --wait --timeout 10m
