/* Stub for corpus fixtures: a reservation object's lock, and waiting on its fences. */
#ifndef _CORPUS_LINUX_DMA_RESV_H
#define _CORPUS_LINUX_DMA_RESV_H

#include <linux/types.h>

struct dma_resv;

enum dma_resv_usage {
	DMA_RESV_USAGE_KERNEL,
	DMA_RESV_USAGE_WRITE,
	DMA_RESV_USAGE_READ,
	DMA_RESV_USAGE_BOOKKEEP,
};

int dma_resv_lock(struct dma_resv *obj, void *ctx);
void dma_resv_unlock(struct dma_resv *obj);
void dma_resv_assert_held(struct dma_resv *obj);

long dma_resv_wait_timeout(struct dma_resv *obj, enum dma_resv_usage usage, int intr,
			   unsigned long timeout);

#endif
