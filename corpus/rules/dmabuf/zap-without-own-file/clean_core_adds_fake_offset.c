/*
 * As flagged_core_zap_at_fake_offset.c, but the dma-buf mmap adds the object's fake offset to
 * vm_pgoff, as the device file's mmap has it, so a zap at the fake offset reaches both.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_vma_manager.h>

struct core_device {
	void *mapping;
};

struct core_object {
	struct core_device *dev;
	struct drm_vma_offset_node vma_node;
	unsigned long slot_pfn;
	unsigned long slot_pages;
};

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_object *obj = vmf->vma->vm_private_data;
	unsigned long page = vmf->pgoff - drm_vma_node_start(&obj->vma_node);

	if (page >= obj->slot_pages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vmf->vma, vmf->address, obj->slot_pfn + page);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_object *obj = buf->priv;

	vma->vm_pgoff += drm_vma_node_start(&obj->vma_node);
	vm_flags_set(vma, VM_DONTEXPAND | VM_PFNMAP);
	vma->vm_private_data = obj;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

void core_evict_slot(struct core_object *obj)
{
	drm_vma_node_unmap(&obj->vma_node, obj->dev->mapping);
}

void core_export(struct dma_buf *buf, struct core_object *obj)
{
	buf->file->f_mapping = obj->dev->mapping;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
