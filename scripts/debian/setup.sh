#!/bin/sh
# Runs chrooted in the new Debian root, inside the emulator, after
# debootstrap's second stage: makes it a machine one logs into.
set -e
export DEBIAN_FRONTEND=noninteractive
echo mimic-debian > /etc/hostname
printf '127.0.0.1\tlocalhost\n127.0.1.1\tmimic-debian\n' > /etc/hosts
echo '/dev/vda / ext4 defaults 0 1' > /etc/fstab
mkdir -p /etc/systemd/network
printf '[Match]\nName=en* eth*\n\n[Network]\nDHCP=yes\n' > /etc/systemd/network/20-wired.network
systemctl enable systemd-networkd ssh
# Root logs in on the console with password "mimic", over ssh by key.
echo 'root:mimic' | chpasswd
mkdir -p -m 700 /root/.ssh
mv /root/authorized_keys /root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys
# The kernel's own package: its postinst makes the initramfs here, with
# update-initramfs (gzip: every kernel since 2.6 reads it).
sed -i 's/^COMPRESS=.*/COMPRESS=gzip/' /etc/initramfs-tools/initramfs.conf
dpkg -i /root/kernel.deb
rm -f /root/kernel.deb
apt-get clean
