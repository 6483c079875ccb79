#!/usr/bin/env bash
# Runs the study on AWS Batch: an array job of 8 children (each gets AWS_BATCH_JOB_ARRAY_INDEX 0..7; the array size
# reaches the tool as DEPLOYSIM_SHARDS, which must equal --array-properties size), then a merge job that depends on
# the whole array. Batch retries a failed child (retryStrategy), which overwrites its shard.
set -euo pipefail
cd "$(dirname "$0")"
queue=${QUEUE:-deploysim}
size=8
aws batch register-job-definition --cli-input-json file://job-definition.json
array=$(aws batch submit-job --job-name deploysim-study --job-queue "$queue" --job-definition deploysim-shard \
  --array-properties "size=$size" \
  --container-overrides "environment=[{name=DEPLOYSIM_SHARDS,value=$size}]" \
  --query jobId --output text)
aws batch submit-job --job-name deploysim-study-merge --job-queue "$queue" --job-definition deploysim-shard \
  --depends-on "jobId=$array" --container-overrides file://merge-overrides.json
