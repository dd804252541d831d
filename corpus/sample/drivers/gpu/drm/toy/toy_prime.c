// SPDX-License-Identifier: GPL-2.0
/* Toy PRIME export: dma-buf mmap forwards to the GEM mapping in toy_gem.c. */
#include <linux/dma-buf.h>
#include "toy_drv.h"

static int toy_prime_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct toy_bo *bo = buf->priv;

	return toy_gem_mmap_obj(bo, vma);
}

static const struct dma_buf_ops toy_prime_ops = { /* exporter: mmap=toy_prime_mmap begin=- end=- */
	.mmap = toy_prime_mmap,
};
