/*
 * Exporters that hand the vma to their object's own file on some runs only. brfile_mmap maps
 * objects in device memory through its own helper and returns early; the others go to their
 * shmem-like file, which takes over the vma with vma_set_file(). errfile_mmap only checks for
 * errors before vma_set_file(): every run that maps calls it.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

/* As linux/fs.h declares it: the file's own mmap. */
int call_mmap(struct file *file, struct vm_area_struct *vma);

struct brfile_object {
	struct file *filp;
	int in_device_memory;
	unsigned long pfn;
	size_t size;
};

static int brfile_map_device(struct brfile_object *obj, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return remap_pfn_range(vma, vma->vm_start, obj->pfn, vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static int brfile_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct brfile_object *obj = buf->priv;
	int ret;

	if (obj->size < vma->vm_end - vma->vm_start)
		return -EINVAL;
	if (obj->in_device_memory)
		return brfile_map_device(obj, vma);
	if (!obj->filp)
		return -ENODEV;
	ret = call_mmap(obj->filp, vma);
	if (ret)
		return ret;
	vma_set_file(vma, obj->filp);
	return 0;
}

static const struct dma_buf_ops brfile_ops = { /* exporter: mmap=brfile_mmap begin=- end=- */
	.mmap = brfile_mmap,
};

static int errfile_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct brfile_object *obj = buf->priv;
	int ret;

	if (!obj->filp)
		return -ENODEV;
	ret = call_mmap(obj->filp, vma);
	if (ret)
		return ret;
	vma_set_file(vma, obj->filp);
	return 0;
}

static const struct dma_buf_ops errfile_ops = { /* exporter: mmap=errfile_mmap begin=- end=- */
	.mmap = errfile_mmap,
};
