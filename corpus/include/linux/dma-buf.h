/* Stub for corpus fixtures: the dma-buf types an exporter fills in. */
#ifndef _CORPUS_LINUX_DMA_BUF_H
#define _CORPUS_LINUX_DMA_BUF_H

#include <linux/types.h>
#include <linux/mm.h>
#include <linux/dma-direction.h>

struct dma_resv;

struct dma_buf;

struct dma_buf_attachment {
	struct dma_buf *dmabuf;
	struct device *dev;
	void *priv;
};

struct dma_buf_ops {
	int (*attach)(struct dma_buf *buf, struct dma_buf_attachment *attach);
	void (*detach)(struct dma_buf *buf, struct dma_buf_attachment *attach);
	int (*pin)(struct dma_buf_attachment *attach);
	void (*unpin)(struct dma_buf_attachment *attach);
	struct sg_table *(*map_dma_buf)(struct dma_buf_attachment *attach, enum dma_data_direction dir);
	void (*unmap_dma_buf)(struct dma_buf_attachment *attach, struct sg_table *sgt,
			      enum dma_data_direction dir);
	void (*release)(struct dma_buf *buf);
	int (*begin_cpu_access)(struct dma_buf *buf, enum dma_data_direction dir);
	int (*end_cpu_access)(struct dma_buf *buf, enum dma_data_direction dir);
	int (*mmap)(struct dma_buf *buf, struct vm_area_struct *vma);
	int (*vmap)(struct dma_buf *buf, void *map);
	void (*vunmap)(struct dma_buf *buf, void *map);
};

struct dma_buf {
	size_t size;
	struct file *file;
	const struct dma_buf_ops *ops;
	void *priv;
	struct dma_resv *resv;
};

struct dma_buf_export_info {
	const struct dma_buf_ops *ops;
	size_t size;
	int flags;
	void *priv;
};

#define DEFINE_DMA_BUF_EXPORT_INFO(name) struct dma_buf_export_info name = { 0 }

struct dma_buf *dma_buf_export(const struct dma_buf_export_info *exp_info);
int dma_buf_mmap(struct dma_buf *buf, struct vm_area_struct *vma, unsigned long pgoff);

#endif
