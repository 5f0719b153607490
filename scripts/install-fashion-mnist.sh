#!/usr/bin/env bash
# Installs the full Fashion-MNIST (60,000 training and 10,000 test images, IDX files under
# /usr/share/datasets/fashion-mnist) from Debian's dataset-fashion-mnist package. The examples and the
# benchmark use it when it is there and fall back to the 2,000-image sample shipped in the repository
# otherwise; the tests only use the sample.
set -euo pipefail
folder=/usr/share/datasets/fashion-mnist
if [ -f "$folder/train-images-idx3-ubyte.gz" ] && [ -f "$folder/t10k-images-idx3-ubyte.gz" ]; then
    echo "Fashion-MNIST is already installed in $folder"
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
fi
# A fresh machine may have no package lists yet.
if ! apt-cache show dataset-fashion-mnist > /dev/null 2>&1; then
    $sudo apt-get update -qq
fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist
echo "Fashion-MNIST installed in $folder"
