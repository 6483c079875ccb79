#!/usr/bin/env bash
# Runs the study on Kubernetes: the Indexed Job, a wait for all its indexes, then the merge Job.
set -euo pipefail
cd "$(dirname "$0")"
kubectl create configmap deploysim-scenarios --from-file=../../scenarios/source-article.yaml --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f indexed-job.yaml
kubectl wait --for=condition=complete --timeout=24h job/deploysim-study
kubectl apply -f merge-job.yaml
kubectl wait --for=condition=complete --timeout=1h job/deploysim-study-merge
